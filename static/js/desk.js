// The intake desk, from the keyboard: arrows through the items found, Enter to choose;
// "all received" ticks every required material at once.
document.addEventListener("keydown", (event) => {
  const search = document.getElementById("item-q");
  const results = document.getElementById("item-results");
  if (!search || !results) return;
  const options = Array.from(results.querySelectorAll("a"));
  if (!options.length) return;
  const index = options.indexOf(document.activeElement);
  if (event.key === "ArrowDown" && (document.activeElement === search || index >= 0)) {
    event.preventDefault();
    options[Math.min(index + 1, options.length - 1)].focus();
  } else if (event.key === "ArrowUp" && index >= 0) {
    event.preventDefault();
    (index === 0 ? search : options[index - 1]).focus();
  } else if (event.key === "Enter" && document.activeElement === search) {
    event.preventDefault();
    options[0].click();
  }
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-action=all-received]");
  if (!button) return;
  document.querySelectorAll(".gx-checklist tr[data-material]").forEach((row) => {
    const id = row.dataset.material;
    const state = row.dataset.need === "required" ? "received" : null;
    if (state) {
      const radio = document.getElementById(`s-${id}-${state}`);
      if (radio) radio.checked = true;
    }
  });
});
