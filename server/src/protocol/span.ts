/** A source range: 0-based line and UTF-16 character, end exclusive. Same shape as an LSP Range, so it passes as one. */
export interface Position {
  line: number;
  character: number;
}
export interface Span {
  start: Position;
  end: Position;
}
