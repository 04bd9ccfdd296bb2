/** Uploads above this answer 413 on every demo app. */
export const MAX_FILE_SIZE = 10 * 1024 * 1024;
