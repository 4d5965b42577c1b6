export type Params = Record<string, unknown>;

export interface Message {
  what: (p: Params) => string;
  fix?: (p: Params) => string;
  hint?: string;
}

export type Catalogue = Record<string, Message>;
