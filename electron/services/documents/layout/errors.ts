/**
 * A document model the layout engine refuses to typeset. Thrown before any byte is written, so a caller
 * never receives (or saves) a half-made .docx; the message is one Chinese sentence the officer can act on.
 */
export class DocumentLayoutError extends Error {
  constructor(
    message: string,
    /** which part of the model is wrong, as a path into it (e.g. `title`, `body[3].rows[2]`) */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DocumentLayoutError';
  }
}
