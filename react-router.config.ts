// React Router framework mode for the web workspace (app/): server-rendered on the web Worker.
import type { Config } from '@react-router/dev/config';

export default {
  appDirectory: 'app',
  ssr: true,
} satisfies Config;
