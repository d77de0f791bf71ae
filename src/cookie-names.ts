/** First-party cookie names: plain constants, shared by the tag code and its permissions. */
export const TTCLID_COOKIE = 'ttclid';
export const TTP_COOKIE = '_ttp';
/** Event enhancement (src/enhancement.ts): hashed identifiers of this browser's identified events. */
export const ENHANCEMENT_COOKIE = '_tt_enhanced';
