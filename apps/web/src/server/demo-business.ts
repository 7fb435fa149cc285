import { type Database, findBusinessByPhoneNumber } from '@receptionist/db';

/** The demo business is the one the seed maps the Twilio test number to. */
export const DEMO_PHONE_NUMBER = '+15005550006';

export async function findDemoBusinessId(db: Database): Promise<string | undefined> {
  return (await findBusinessByPhoneNumber(db, DEMO_PHONE_NUMBER))?.id;
}
