// The browser call protocol's zod schemas, owned by the voice team in @receptionist/telephony.
// Imported from the protocol file itself rather than the package index: the index also exports the
// server transports (ws, twilio, node:crypto), which must not reach the browser bundle.
// TODO(voice team): a `@receptionist/telephony/browser-protocol` export would replace this path.
export {
  BROWSER_SAMPLE_RATE,
  BrowserClientMessage,
  BrowserServerMessage,
} from '../../../../../packages/telephony/src/browser/protocol.ts';
