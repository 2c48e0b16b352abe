/** What an auth form's server action returns to the form. */
export type AuthFormState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

/** The sign-up form's state: after a valid submission, the same "check your email" answer for every address. */
export type SignUpFormState = AuthFormState & { sent?: string; noOutboundMail?: boolean };
