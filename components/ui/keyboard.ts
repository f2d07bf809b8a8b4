/** Typing in a field, or a dialog being open, means the keys are text, not commands. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    Boolean(target.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]'))
  );
}

/** A bare key press meant as a page command: no modifier, not already handled, not typing. */
export function isCommandKey(event: KeyboardEvent): boolean {
  return !(event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target));
}
