/**
 * The headers every answer of this API carries, whoever gives it: the handlers, the pipeline's
 * problems, API Gateway's own refusals and WAF's, and the local server. Profiles are personal
 * data, so no browser or shared cache may keep them (`no-store`), and a browser must not guess
 * a JSON answer to be HTML and run it (`nosniff`). Import-free: the CDK app loads it at synth.
 */
export const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;
