export { createOcsRouter } from './router.ts'
export { sendOcs, ocsVersionOf, ocsFormatOf, OCS, type OcsAnswer } from './envelope.ts'
