import type { BusinessEvent, DailyDigest } from '@receptionist/domain';

export interface NotificationText {
  subject: string;
  /** Plain-text email body. */
  text: string;
  /** One SMS (kept short: one or two segments). */
  sms: string;
}

const str = (value: unknown, fallback = ''): string =>
  typeof value === 'string' && value !== '' ? value : fallback;

function customerOf(data: Record<string, unknown>): { name: string; phone: string } {
  const customer = (data.customer ?? {}) as Record<string, unknown>;
  return { name: str(customer.name, 'A caller'), phone: str(customer.phone) };
}

/** What the owner is told about one event (the event's data snapshot, never re-read rows). */
export function composeEventNotification(event: BusinessEvent, businessName: string): NotificationText {
  const data = event.data;
  switch (event.type) {
    case 'message.taken': {
      const urgent = data.urgency === 'high';
      const who = str(data.callerName, 'A caller');
      const number = str(data.callerNumber, 'no number');
      const subject = `${urgent ? 'URGENT message' : 'New message'} from ${who} (${businessName})`;
      const text = [
        `${who} left a message for ${businessName}.`,
        `Callback number: ${number}`,
        `Urgency: ${str(data.urgency, 'normal')}`,
        '',
        str(data.reason),
      ].join('\n');
      return {
        subject,
        text,
        sms: `${urgent ? 'URGENT: ' : ''}${who} (${number}): ${str(data.reason)}`.slice(0, 300),
      };
    }
    case 'appointment.booked':
    case 'appointment.rescheduled':
    case 'appointment.cancelled': {
      const verb = {
        'appointment.booked': 'booked',
        'appointment.rescheduled': 'moved',
        'appointment.cancelled': 'cancelled',
      }[event.type];
      const customer = customerOf(data);
      const when = `${str(data.date)} at ${str(data.time)}`;
      const what = str(data.serviceName, 'an appointment');
      const subject = `Appointment ${verb}: ${what} on ${when}`;
      const text = [
        `${what} on ${when} was ${verb} for ${businessName}.`,
        customer.phone === ''
          ? `Customer: ${customer.name}`
          : `Customer: ${customer.name}, ${customer.phone}`,
      ].join('\n');
      return { subject, text, sms: `${businessName}: ${what} ${verb} for ${when} (${customer.name})` };
    }
    case 'voicemail.received': {
      const from = str(data.callerNumber, str(data.fromNumber, 'an unknown number'));
      const transcript = str(data.transcript);
      return {
        subject: `New voicemail from ${from}`,
        text: [`${businessName} has a new voicemail from ${from}.`, '', transcript].join('\n'),
        sms: `Voicemail from ${from}${transcript === '' ? '' : `: ${transcript}`}`.slice(0, 300),
      };
    }
    case 'calendar.needs_attention': {
      if (data.reason === 'reconnect') {
        const account = str(data.accountEmail, 'your Google account');
        return {
          subject: `Reconnect your calendar (${account})`,
          text: [
            `Google no longer lets ${businessName} use the calendar of ${account}.`,
            'Bookings are not written to it and its busy time is no longer refreshed.',
            '',
            'Open Settings → Calendar in the dashboard and choose Reconnect.',
          ].join('\n'),
          sms: `${businessName}: reconnect your Google calendar (${account}) in the dashboard.`.slice(0, 300),
        };
      }
      const movedTo = (data.movedTo ?? {}) as Record<string, unknown>;
      const when = `${str(movedTo.date)} at ${str(movedTo.time)}`;
      return {
        subject: `A calendar change could not be applied`,
        text: [
          `An appointment was moved in Google Calendar to ${when}, but ${businessName} could not move the booking:`,
          str(data.message),
          '',
          'The booking stays at its old time. Move it in the dashboard, or move the event back in Google Calendar.',
        ].join('\n'),
        sms: `${businessName}: a move in Google Calendar to ${when} was refused: ${str(data.message)}`.slice(
          0,
          300,
        ),
      };
    }
    case 'webhook.disabled': {
      const url = str(data.url, 'a webhook endpoint');
      return {
        subject: `Webhook switched off: ${url}`,
        text: [
          `${businessName} stopped sending events to ${url}.`,
          str(data.reason),
          '',
          'Fix the receiver, then switch the endpoint back on under Webhooks in the dashboard.',
        ].join('\n'),
        sms: `${businessName}: webhook ${url} was switched off after failing for a day.`.slice(0, 300),
      };
    }
    case 'usage.threshold_reached':
      return composeUsageWarning(data, businessName);
    default:
      return {
        subject: `${event.type} at ${businessName}`,
        text: JSON.stringify(data, null, 2),
        sms: event.type,
      };
  }
}

/** The owner's 80 % / 100 % warning: how much is used, and what happens to calls past the limit. */
function composeUsageWarning(data: Record<string, unknown>, businessName: string): NotificationText {
  const percent = typeof data.percent === 'number' ? data.percent : 100;
  const used = typeof data.minutesUsed === 'number' ? data.minutesUsed : 0;
  const included = typeof data.includedMinutes === 'number' ? data.includedMinutes : 0;
  const overage = data.overageBehaviour === 'bill_overage' && data.subscribed === true;
  const past = overage
    ? 'Calls past the limit are still answered and billed per minute as overage.'
    : 'Calls past the limit are greeted, asked to leave a message and promised a call back.';
  const subject =
    percent >= 100
      ? `${businessName} has used all ${included} included call minutes`
      : `${businessName} has used ${percent}% of its included call minutes`;
  return {
    subject,
    text: [
      `${businessName} has used ${used} of the ${included} call minutes included in this period (${percent}%).`,
      past,
      '',
      'See usage, change plan or choose what happens at the limit under Billing in the dashboard.',
    ].join('\n'),
    sms: `${businessName}: ${used}/${included} call minutes used (${percent}%). ${past}`.slice(0, 300),
  };
}

/** The booking confirmation texted to the caller. Carriers require the opt-out hint. */
export function composeCallerConfirmation(event: BusinessEvent, businessName: string): string {
  const data = event.data;
  return `${businessName}: you're booked for ${str(data.serviceName, 'your appointment')} on ${str(data.date)} at ${str(
    data.time,
  )}. Reply STOP to opt out.`;
}

export function composeDigest(digest: DailyDigest): NotificationText {
  const lines = [`${digest.businessName}, ${digest.date}`, '', `Calls today: ${digest.calls}`, ''];
  lines.push(`Open messages: ${digest.openMessages.length}`);
  for (const message of digest.openMessages) {
    lines.push(
      `- ${message.urgency === 'high' ? '[URGENT] ' : ''}${message.callerName ?? 'A caller'} (${
        message.callerNumber ?? 'no number'
      }): ${message.reason}`,
    );
  }
  lines.push('', `Appointments tomorrow: ${digest.tomorrow.length}`);
  for (const appointment of digest.tomorrow) {
    lines.push(
      `- ${appointment.time} ${appointment.serviceName}${appointment.customerName ? ` (${appointment.customerName})` : ''}`,
    );
  }
  return {
    subject: `Daily digest for ${digest.businessName}, ${digest.date}`,
    text: lines.join('\n'),
    sms: `${digest.businessName} ${digest.date}: ${digest.calls} calls, ${digest.openMessages.length} open messages, ${digest.tomorrow.length} appointments tomorrow`,
  };
}
