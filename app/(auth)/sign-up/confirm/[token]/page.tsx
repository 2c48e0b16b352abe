import { ConfirmSignUpForm } from "@/components/auth/confirm-sign-up-form";

export const metadata = { title: "Finish creating your account" };

/** Opening the mailed link confirms nothing (mail scanners follow links); the button does. */
export default async function ConfirmSignUpPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <>
      <h1 className="text-xl font-semibold">Finish creating your account</h1>
      <p className="mt-1 text-sm text-slate-600">Confirm to create your account and sign in.</p>
      <div className="mt-6">
        <ConfirmSignUpForm token={token} />
      </div>
    </>
  );
}
