import { useNavigation } from "@remix-run/react";

/** The form's primary button, disabled while a submission is in flight so nothing is sent twice. */
export function SubmitButton({ label }: { label: string }) {
  const navigation = useNavigation();
  return (
    <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
      {label}
    </button>
  );
}
