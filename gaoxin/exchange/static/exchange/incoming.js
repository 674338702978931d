// Applications from partner zones, from the keyboard: the first waiting one has the focus,
// ↑/↓ move through the list, Enter opens one.
document.addEventListener("keydown", (event) => {
  const links = Array.from(document.querySelectorAll("a.gx-incoming-link"));
  if (!links.length || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
  const index = links.indexOf(document.activeElement);
  if (index < 0) return;
  event.preventDefault();
  const next = event.key === "ArrowDown" ? Math.min(index + 1, links.length - 1) : Math.max(index - 1, 0);
  links[next].focus();
});
