import { inputClass } from '../../../../components/ui.tsx';
import type { CallListQuery } from '../../../../server/queries/calls.ts';

/**
 * The call list's extra filters (direction, booked, message taken, search order) as plain GET form
 * fields, so a filtered list is a shareable URL and works without JavaScript.
 */
export interface CallFilterValues {
  direction?: string | undefined;
  booked?: string | undefined;
  message?: string | undefined;
  sort?: string | undefined;
}

function yesNo(value: string | undefined): boolean | undefined {
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return undefined;
}

/** Reads the URL's values; anything unexpected is "no filter", never an error page. */
export function parseCallFilters(
  values: CallFilterValues,
): Pick<CallListQuery, 'direction' | 'hasBooking' | 'hasMessage' | 'sort'> {
  return {
    direction:
      values.direction === 'inbound' || values.direction === 'outbound' ? values.direction : undefined,
    hasBooking: yesNo(values.booked),
    hasMessage: yesNo(values.message),
    sort: values.sort === 'relevance' ? 'relevance' : 'newest',
  };
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: Array<[string, string]>;
}) {
  return (
    <select name={name} defaultValue={value ?? ''} aria-label={label} className={inputClass}>
      {options.map(([optionValue, text]) => (
        <option key={optionValue} value={optionValue}>
          {text}
        </option>
      ))}
    </select>
  );
}

export function CallFilterFields({ values }: { values: CallFilterValues }) {
  return (
    <>
      <Select
        name="direction"
        label="Direction"
        value={values.direction}
        options={[
          ['', 'Inbound and outbound'],
          ['inbound', 'Inbound'],
          ['outbound', 'Outbound'],
        ]}
      />
      <Select
        name="booked"
        label="Booked an appointment"
        value={values.booked}
        options={[
          ['', 'With or without a booking'],
          ['yes', 'Booked an appointment'],
          ['no', 'No booking'],
        ]}
      />
      <Select
        name="message"
        label="Took a message"
        value={values.message}
        options={[
          ['', 'With or without a message'],
          ['yes', 'Took a message'],
          ['no', 'No message'],
        ]}
      />
      <Select
        name="sort"
        label="Order of search results"
        value={values.sort}
        options={[
          ['', 'Newest first'],
          ['relevance', 'Best match first (search)'],
        ]}
      />
    </>
  );
}
