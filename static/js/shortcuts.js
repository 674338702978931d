// Keyboard shortcuts for work screens: an element with data-shortcut="a" is clicked on Alt+A.
// (The accesskey attribute differs by browser and platform; this does not.)
document.addEventListener("keydown", (event) => {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.key.length !== 1) return;
  const target = document.querySelector(`[data-shortcut="${event.key.toLowerCase()}"]`);
  if (target && !target.disabled) {
    event.preventDefault();
    target.click();
  }
});
