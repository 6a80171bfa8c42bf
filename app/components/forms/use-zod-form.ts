import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

/**
 * conform wired to one zod schema: the same checks run in the browser (on blur, then as the user
 * types) and on the server, whose reply (`lastResult`) fills in the errors only it can find.
 */
export function useZodForm<Schema extends z.ZodObject>({
  id,
  schema,
  lastResult,
  defaultValue,
}: {
  id: string;
  schema: Schema;
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Record<string, string | number | null | undefined>;
}) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id,
    lastResult,
    // Form fields are strings; the schema coerces them back on submit.
    defaultValue: (defaultValue
      ? Object.fromEntries(Object.entries(defaultValue).map(([key, value]) => [key, value == null ? "" : String(value)]))
      : undefined) as never,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}
