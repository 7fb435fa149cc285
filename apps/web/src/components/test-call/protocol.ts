// The browser call protocol's zod schemas, owned by the voice team in @receptionist/telephony. Imported
// through the browser-safe subpath: the package index also exports the server transports (ws, twilio,
// node:crypto), which must not reach the browser bundle.
export {
  BROWSER_SAMPLE_RATE,
  BrowserClientMessage,
  BrowserServerMessage,
  TYPED_LINE_LIMITED,
} from '@receptionist/telephony/browser-protocol';
