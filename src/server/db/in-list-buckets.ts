import { OperationNodeTransformer, OperatorNode, PrimitiveValueListNode, type BinaryOperationNode, type KyselyPlugin, type QueryId } from 'kysely';

/*
 * `x in (?, ?, …)` with as many placeholders as values makes a new SQL text for every list
 * length, and the embedded store prepares and keeps a statement per SQL text: a list route whose
 * page size varies (limit=1 … 500) filled the statement cache with hundreds of shapes of one
 * query, and the server's memory with them (+125 MB over 1,000 distinct URLs, test/memory.test.ts).
 * This plugin pads each `in` / `not in` list to the next power of two by repeating its last value,
 * which leaves the answer unchanged: a query then has at most 11 shapes up to 1,024 values.
 */

const bucket = (n: number) => 2 ** Math.ceil(Math.log2(n));

class PadInLists extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode, queryId?: QueryId): BinaryOperationNode {
    const t = super.transformBinaryOperation(node, queryId);
    const op = OperatorNode.is(t.operator) ? t.operator.operator : undefined;
    if ((op === 'in' || op === 'not in') && PrimitiveValueListNode.is(t.rightOperand)) {
      const values = t.rightOperand.values;
      const size = values.length > 1 ? bucket(values.length) : values.length;
      if (size > values.length) {
        const padded = [...values, ...Array<unknown>(size - values.length).fill(values[values.length - 1])];
        return { ...t, rightOperand: PrimitiveValueListNode.create(padded) };
      }
    }
    return t;
  }
}

/** The Kysely plugin: `in` lists padded to a power of two. */
export function inListBuckets(): KyselyPlugin {
  const transformer = new PadInLists();
  return {
    transformQuery: (args) => transformer.transformNode(args.node, args.queryId),
    transformResult: async (args) => args.result,
  };
}
