import { data } from 'react-router';

export const loader = () => {
  throw data('Page not found.', { status: 404 });
};

export default function NotFound() {
  return null;
}
