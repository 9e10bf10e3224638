/**
 * Cuts a JSON document arriving in pieces into the elements of one large array,
 * so each element can be parsed on its own and memory stays flat: the top-level
 * array's elements, or those of one member of a top-level object (our json
 * export's `documents`). The object's other members are parsed whole.
 *
 * Only the structure is followed (strings, escapes, bracket depth); what lies
 * inside an element is left to JSON.parse, so a bad element is reported alone
 * and the elements after it still come out.
 */
import { UserError } from '../errors.js';

/**
 * How deep a JSON value read from a file may nest (an object in an array is two
 * levels). JSON.parse itself nests as deep as the text does, but storing a value
 * (JSON.stringify) or handing it to another thread (structured clone) recurses
 * and runs out of stack a few thousand levels down; no document needs a tenth of
 * this.
 */
export const MAX_JSON_DEPTH = 256;

/** True when `value` nests more than `levels` objects and arrays deep. The recursion stops at `levels`, so it cannot run out of stack. */
export function nestedDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (typeof item === 'object' && item !== null && nestedDeeperThan(item, levels - 1)) return true;
    return false;
  }
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (typeof member === 'object' && member !== null && nestedDeeperThan(member, levels - 1)) return true;
  }
  return false;
}

/** A value nested past MAX_JSON_DEPTH, when its text is at least this long: every level takes two characters. */
export function mayNestTooDeep(text: string): boolean {
  return text.length > 2 * MAX_JSON_DEPTH;
}

/**
 * Why a JSON value nested past MAX_JSON_DEPTH is refused, naming the line
 * where it passes the limit: `text` is its JSON, starting on line `firstLine`.
 * Only called once the value is known to be too deep.
 */
export function tooDeepReason(text: string, firstLine: number): string {
  let depth = 0;
  let line = firstLine;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth++;
      if (depth > MAX_JSON_DEPTH) break;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    } else if (code === 0x0a) {
      line++;
    }
  }
  return `nested deeper than ${MAX_JSON_DEPTH} levels at line ${line}`;
}

/** What the splitter finds, in file order. */
export type JsonPart =
  | { readonly kind: 'root'; readonly type: 'array' | 'object' }
  /** A member of the top-level object, parsed (never the streamed one). */
  | { readonly kind: 'member'; readonly key: string; readonly value: unknown }
  /** The streamed array begins (root arrays begin with the root). */
  | { readonly kind: 'array'; readonly key: string | null }
  /**
   * One element of the streamed array with the 1-based line it starts on: its
   * text, and its value when the splitter already parsed it (an element alone on its line).
   */
  | { readonly kind: 'element'; readonly text: string; readonly line: number; readonly index: number; readonly value?: unknown };

const enum State {
  BeforeRoot,
  ElementOrEnd,
  /** After a comma: an element must follow. */
  ElementStart,
  ElementValue,
  AfterElement,
  KeyOrEnd,
  Key,
  Colon,
  MemberValueStart,
  MemberValue,
  AfterMember,
  AfterRoot,
}

const STRING_STOP = /["\\]/g;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Splits JSON text into parts; feed it pieces in order, then call end(). */
export class JsonElementSplitter {
  #buf = '';
  #pos = 0;
  #state = State.BeforeRoot;
  #line = 1;
  /** Where the value being captured starts in #buf, or -1. */
  #captureFrom = -1;
  #captureLine = 1;
  #depth = 0;
  #inString = false;
  #escaped = false;
  #key = '';
  #inStreamedMember = false;
  #index = 0;

  /** @param streamKey the member of a top-level object whose array is streamed. */
  constructor(private readonly streamKey: string | null) {}

  /** The parts completed by this piece of text. */
  feed(text: string): JsonPart[] {
    const keep = this.#captureFrom >= 0 ? this.#captureFrom : this.#pos;
    this.#buf = this.#buf.slice(keep) + text;
    this.#pos -= keep;
    if (this.#captureFrom >= 0) this.#captureFrom -= keep;
    const parts: JsonPart[] = [];
    this.#run(parts, false);
    return parts;
  }

  /** The parts left at the end of the text; throws when the JSON is cut short or malformed. */
  end(): JsonPart[] {
    const parts: JsonPart[] = [];
    this.#run(parts, true);
    if (this.#state !== State.AfterRoot) {
      throw this.#error(this.#state === State.BeforeRoot ? 'no JSON value in the file' : 'unexpected end of JSON input');
    }
    return parts;
  }

  #error(reason: string): UserError {
    return new UserError(`invalid JSON at line ${this.#line}: ${reason}`);
  }

  /** Skips white space, counting lines; false when the piece ran out. */
  #skipSpace(): boolean {
    const buf = this.#buf;
    while (this.#pos < buf.length) {
      const code = buf.charCodeAt(this.#pos);
      if (!isSpace(code)) return true;
      if (code === 0x0a) this.#line++;
      this.#pos++;
    }
    return false;
  }

  /**
   * Moves over one JSON value from where its capture started; true once it is
   * complete (#pos just after it). Primitives end at the next delimiter, so at
   * the end of the text `final` ends them.
   */
  #scanValue(final: boolean): boolean {
    const buf = this.#buf;
    const end = buf.length;
    while (this.#pos < end) {
      if (this.#inString) {
        if (this.#escaped) {
          this.#escaped = false;
          this.#pos++;
          continue;
        }
        STRING_STOP.lastIndex = this.#pos;
        const stop = STRING_STOP.exec(buf);
        if (stop === null) {
          this.#pos = end;
          return false;
        }
        this.#pos = stop.index + 1;
        if (stop[0] === '\\') this.#escaped = true;
        else {
          this.#inString = false;
          if (this.#depth === 0) return true;
        }
        continue;
      }
      const code = buf.charCodeAt(this.#pos);
      if (code === 0x22) {
        this.#inString = true;
        this.#pos++;
      } else if (code === 0x7b || code === 0x5b) {
        this.#depth++;
        this.#pos++;
      } else if (code === 0x7d || code === 0x5d) {
        if (this.#depth === 0) return true; // the end of the container holding a primitive
        this.#depth--;
        this.#pos++;
        if (this.#depth === 0) return true;
      } else if (this.#depth === 0 && (code === 0x2c || isSpace(code))) {
        return true;
      } else {
        if (code === 0x0a) this.#line++;
        this.#pos++;
      }
    }
    // A primitive at the very end of the text has no delimiter after it.
    return final && this.#depth === 0 && !this.#inString && this.#pos > this.#captureFrom;
  }

  /**
   * Exports write one element a line: such a line is parsed at once, which is
   * several times faster than following its structure character by character.
   * Anything else (several elements on a line, one over several lines, a bad
   * one) is left to the scan. True when the element was taken.
   */
  #elementOnItsLine(parts: JsonPart[]): boolean {
    const lineEnd = this.#buf.indexOf('\n', this.#pos);
    if (lineEnd < 0) return false;
    let end = lineEnd;
    while (end > this.#pos && isSpace(this.#buf.charCodeAt(end - 1))) end--;
    if (this.#buf.charCodeAt(end - 1) === 0x2c) end--;
    const text = this.#buf.slice(this.#pos, end);
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      return false;
    }
    this.#pos = end;
    this.#captureFrom = -1;
    this.#index++;
    parts.push({ kind: 'element', text, line: this.#captureLine, index: this.#index, value });
    this.#state = State.AfterElement;
    return true;
  }

  #startCapture(): void {
    this.#captureFrom = this.#pos;
    this.#captureLine = this.#line;
    this.#depth = 0;
    this.#inString = false;
    this.#escaped = false;
  }

  #captured(): string {
    const text = this.#buf.slice(this.#captureFrom, this.#pos);
    this.#captureFrom = -1;
    return text;
  }

  #run(parts: JsonPart[], final: boolean): void {
    for (;;) {
      switch (this.#state) {
        case State.BeforeRoot: {
          if (!this.#skipSpace()) return;
          const char = this.#buf[this.#pos];
          this.#pos++;
          if (char === '[') {
            parts.push({ kind: 'root', type: 'array' }, { kind: 'array', key: null });
            this.#state = State.ElementOrEnd;
          } else if (char === '{') {
            parts.push({ kind: 'root', type: 'object' });
            this.#state = State.KeyOrEnd;
          } else {
            throw this.#error(`expected an array or an object, found ${JSON.stringify(char)}`);
          }
          break;
        }
        case State.ElementOrEnd:
        case State.AfterElement: {
          if (!this.#skipSpace()) return;
          const char = this.#buf[this.#pos];
          if (char === ']') {
            this.#pos++;
            this.#state = this.#inStreamedMember ? State.AfterMember : State.AfterRoot;
            this.#inStreamedMember = false;
          } else if (this.#state === State.AfterElement) {
            if (char !== ',') throw this.#error(`expected "," or "]" after element ${this.#index}, found ${JSON.stringify(char)}`);
            this.#pos++;
            this.#state = State.ElementStart;
          } else {
            this.#startCapture();
            this.#state = State.ElementValue;
          }
          break;
        }
        case State.ElementStart: {
          if (!this.#skipSpace()) return;
          if (this.#buf[this.#pos] === ']') throw this.#error(`a "," after element ${this.#index} is followed by no element`);
          this.#startCapture();
          this.#state = State.ElementValue;
          break;
        }
        case State.ElementValue: {
          if (this.#pos === this.#captureFrom && this.#elementOnItsLine(parts)) break;
          if (!this.#scanValue(final)) return;
          this.#index++;
          parts.push({ kind: 'element', text: this.#captured(), line: this.#captureLine, index: this.#index });
          this.#state = State.AfterElement;
          break;
        }
        case State.KeyOrEnd:
        case State.AfterMember: {
          if (!this.#skipSpace()) return;
          const char = this.#buf[this.#pos];
          if (char === '}') {
            this.#pos++;
            this.#state = State.AfterRoot;
          } else if (this.#state === State.AfterMember) {
            if (char !== ',') throw this.#error(`expected "," or "}" after a member, found ${JSON.stringify(char)}`);
            this.#pos++;
            this.#state = State.Key;
          } else {
            this.#state = State.Key;
          }
          break;
        }
        case State.Key: {
          if (this.#captureFrom < 0) {
            if (!this.#skipSpace()) return;
            if (this.#buf[this.#pos] !== '"') throw this.#error(`expected a member name, found ${JSON.stringify(this.#buf[this.#pos])}`);
            this.#startCapture();
          }
          if (!this.#scanValue(final)) return;
          this.#key = JSON.parse(this.#captured()) as string;
          this.#state = State.Colon;
          break;
        }
        case State.Colon: {
          if (!this.#skipSpace()) return;
          if (this.#buf[this.#pos] !== ':') throw this.#error(`expected ":" after "${this.#key}"`);
          this.#pos++;
          this.#state = State.MemberValueStart;
          break;
        }
        case State.MemberValueStart: {
          if (!this.#skipSpace()) return;
          if (this.#key === this.streamKey && this.#buf[this.#pos] === '[') {
            this.#pos++;
            this.#inStreamedMember = true;
            parts.push({ kind: 'array', key: this.#key });
            this.#state = State.ElementOrEnd;
          } else {
            this.#startCapture();
            this.#state = State.MemberValue;
          }
          break;
        }
        case State.MemberValue: {
          if (!this.#scanValue(final)) return;
          const line = this.#captureLine;
          const text = this.#captured();
          let value: unknown;
          try {
            value = JSON.parse(text) as unknown;
          } catch (error) {
            throw new UserError(`invalid JSON in "${this.#key}" (from line ${line}): ${error instanceof Error ? error.message : String(error)}`);
          }
          if (mayNestTooDeep(text) && nestedDeeperThan(value, MAX_JSON_DEPTH)) throw new UserError(`"${this.#key}": ${tooDeepReason(text, line)}`);
          parts.push({ kind: 'member', key: this.#key, value });
          this.#state = State.AfterMember;
          break;
        }
        case State.AfterRoot: {
          if (!this.#skipSpace()) return;
          throw this.#error(`unexpected ${JSON.stringify(this.#buf[this.#pos])} after the end of the JSON value`);
        }
      }
    }
  }
}

/** The parts of JSON text arriving in pieces. */
export function* jsonParts(chunks: Iterable<string>, streamKey: string | null): Generator<JsonPart> {
  const splitter = new JsonElementSplitter(streamKey);
  for (const chunk of chunks) yield* splitter.feed(chunk);
  yield* splitter.end();
}
