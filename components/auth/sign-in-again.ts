/** The session ended under an open page: off to sign in, and back to this page afterwards. */
export function signInAgain(): void {
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
}
