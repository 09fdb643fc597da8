/**
 * The steps of the JSON scan (`json-scan.ts`) between records: the document's members, the lists'
 * items, the commas and brackets around them. Each step is read whole or not at all: when the block
 * ends inside one (`MORE`), it starts again on the next block.
 */
import type { RecordList } from './json-split.ts';
import { NO_KEYS } from './json-scan-keys.ts';
import type { Scanner } from './json-scan.ts';

/** Thrown inside the scan: the block ends before the step does (read more and start the step again). */
export const MORE = { more: true };
/** Thrown inside the scan: something here is for the general path to say. */
export const GIVE_UP = { giveUp: true };

const LISTS: readonly RecordList[] = ['establishments', 'flows', 'resources'];

/** JSON white space (one comparison for any other byte: most bytes tested are none). */
export const isSpace = (b: number) => b <= 0x20 && (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09);

/** Where the scan stands between two steps (see `scanJsonFile`). */
export const enum Step {
  Begin,
  Member,
  FirstMember,
  Item,
  FirstItem,
  AfterItem,
  AfterMember,
  End,
}

/** After an item or a member: a comma leads to `next`, the closing bracket `close` to `after`. */
function afterValue(s: Scanner, close: number, next: Step, after: Step): Step {
  const b = s.peek();
  s.pos++;
  if (b === 0x2c) return next;
  if (b === close) return after;
  throw GIVE_UP;
}

/** Where the scan stands (see `scanJsonFile`). */
export interface ScanState {
  step: Step;
  list: RecordList | undefined;
  skeleton: string[];
  keys: Set<string>;
  /**
   * A part of a list (see `json-scan-part.ts`): the steps stop when the list closes, its `]` at
   * file offset `closed`.
   */
  part?: boolean;
  closed?: number;
}

/** A new scan's state, at the start of the document. */
export const beginning = (): ScanState => ({ step: Step.Begin, list: undefined, skeleton: [], keys: new Set() });

/**
 * Runs the steps on the bytes there are; returns at `MORE` with the scanner at the step's start,
 * or (a part) when its list closes.
 */
export function steps(s: Scanner, state: ScanState): void {
  for (;;) {
    const mark = s.pos;
    try {
      switch (state.step) {
        case Step.Begin:
          s.expect(0x7b);
          state.step = Step.FirstMember;
          break;
        case Step.Member:
        case Step.FirstMember: {
          if (state.step === Step.FirstMember && s.peek() === 0x7d) {
            s.pos++;
            state.step = Step.End;
            break;
          }
          if (s.peek() !== 0x22) throw GIVE_UP;
          const start = s.pos;
          const other = { key: '' };
          s.key(NO_KEYS, other);
          // A key written twice: `JSON.parse` keeps the last value, the general path says so.
          if (state.keys.has(other.key)) throw GIVE_UP;
          s.expect(0x3a);
          const list = LISTS.find((l) => l === other.key);
          if (list) s.expect(0x5b);
          else s.skip();
          // The whole step is read: the state changes (a `MORE` above starts the step again).
          state.keys.add(other.key);
          state.skeleton.push(list ? `${JSON.stringify(list)}:[]` : s.text(start, s.pos));
          state.list = list;
          state.step = list ? Step.FirstItem : Step.AfterMember;
          break;
        }
        case Step.Item:
        case Step.FirstItem: {
          const b = s.peek();
          if (state.step === Step.FirstItem && b === 0x5d) {
            s.pos++;
            state.step = Step.AfterMember;
          } else if (b === 0x7b) {
            s.record(state.list!);
            state.step = Step.AfterItem;
          } else throw GIVE_UP;
          break;
        }
        case Step.AfterItem:
          state.step = afterValue(s, 0x5d, Step.Item, Step.AfterMember);
          if (state.part && state.step === Step.AfterMember) {
            state.closed = s.base + s.pos - 1;
            return;
          }
          break;
        case Step.AfterMember:
          state.step = afterValue(s, 0x7d, Step.Member, Step.End);
          break;
        case Step.End:
          // Only white space after the document, to the end of the file.
          while (s.pos < s.end && isSpace(s.buf[s.pos]!)) s.pos++;
          if (s.pos < s.end) throw GIVE_UP;
          if (s.last) return;
          throw MORE;
      }
    } catch (thrown) {
      if (thrown !== MORE) throw thrown;
      s.pos = mark;
      return;
    }
  }
}
