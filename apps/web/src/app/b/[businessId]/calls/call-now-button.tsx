import { buttonClass } from '../../../../components/ui.tsx';
import { callNowAction } from './outbound-actions.ts';

/** A one-button form: the receptionist calls `to` back now (or when the callee's quiet hours allow). */
export function CallNowButton(props: {
  businessId: string;
  to: string;
  purpose: 'callback' | 'reminder' | 'custom';
  messageId?: string | undefined;
  returnTo: string;
  label?: string;
}) {
  return (
    <form action={callNowAction}>
      <input type="hidden" name="businessId" value={props.businessId} />
      <input type="hidden" name="to" value={props.to} />
      <input type="hidden" name="purpose" value={props.purpose} />
      <input type="hidden" name="messageId" value={props.messageId ?? ''} />
      <input type="hidden" name="returnTo" value={props.returnTo} />
      <button type="submit" className={buttonClass('secondary')} data-testid="call-now">
        {props.label ?? 'Call now'}
      </button>
    </form>
  );
}
