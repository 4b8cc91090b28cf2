// A dialog whose form posts to the page's action: it closes when the action succeeded and stays
// open showing the refusal when it did not (the page's notice sits behind the overlay).
import { useEffect, useState } from 'react';
import { useActionData, useNavigation } from 'react-router';
import type { ActionResult } from '../lib/forms.server';

type Phase = 'idle' | 'sent' | 'busy' | 'failed';

export function useFormDialog() {
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const nav = useNavigation();
  const result = useActionData() as ActionResult | undefined;
  useEffect(() => {
    // Sent, then under way, then idle again: only then is the page's action data this form's answer.
    if (phase === 'sent' && nav.state !== 'idle') setPhase('busy');
    else if (phase === 'busy' && nav.state === 'idle') {
      if (result?.ok) {
        setOpen(false);
        setPhase('idle');
      } else setPhase('failed');
    }
  }, [phase, nav.state, result]);
  return {
    open,
    /** Opens it from a control outside the dialog (a grid cell, which may be rendered anew at any time). */
    show: () => {
      setPhase('idle');
      setOpen(true);
    },
    onOpenChange: (o: boolean) => {
      setOpen(o);
      if (!o) setPhase('idle');
    },
    onSubmit: () => setPhase('sent'),
    busy: phase === 'sent' || phase === 'busy',
    error: phase === 'failed' ? (result && !result.ok ? result.error : null) : null,
  };
}

/** The refusal inside a dialog, read out when it appears. */
export function DialogError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" data-testid="dialog-error" className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-900">
      {error}
    </p>
  );
}
