/** Form-level errors (a conflict, a server refusal) above the fields, announced to screen readers. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div className="alert alert-danger" role="alert" id={id} data-testid="form-errors">
      {errors.map((error) => (
        <p className="mb-0" key={error}>
          {error}
        </p>
      ))}
    </div>
  );
}
