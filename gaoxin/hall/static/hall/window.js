// The window bar's keys: N next, A again, B arrived, S skip, F finish, P pause/resume,
// T transfer (focuses the business to transfer to). Ignored while typing in a field.
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.key.length !== 1) return;
  const field = event.target.closest("input, select, textarea, [contenteditable]");
  if (field) return;
  const key = event.key.toLowerCase();
  const button = document.querySelector(`#hall-bar [data-hall-key="${key}"]`);
  if (button && !button.disabled) {
    event.preventDefault();
    // A key pressed the instant the bar was redrawn may come before htmx has set up the new
    // buttons: set this one up now (nothing happens when it is already).
    if (window.htmx) window.htmx.process(button);
    button.click();
    return;
  }
  const focus = document.querySelector(`#hall-bar [data-hall-focus="${key}"]`);
  if (focus) {
    event.preventDefault();
    focus.focus();
  }
});
