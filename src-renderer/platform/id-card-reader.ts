import type { IdCardReaderKind, IdCardReadResult } from '../../shared/id-card'

/**
 * A resident ID card reader (shared/docs/ID-CARD-READERS.md), whichever way it is reached: the
 * simulator, a vendor's local service, or the desktop's standard SDK through main. A read never
 * throws for a user reason: it answers the card or a failure with a Chinese message.
 */
export type IdCardReader = { kind: IdCardReaderKind; read(): Promise<IdCardReadResult> }
