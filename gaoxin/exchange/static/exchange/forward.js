// Receiving for a partner zone: a scan uploaded for a material ticks it as received and
// clears the file field for the next scan; a held scan can be taken off the list again.
document.addEventListener("htmx:afterSwap", (event) => {
  const list = event.detail.target;
  if (!list || !list.id || !list.id.startsWith("scans-")) return;
  const index = list.id.slice("scans-".length);
  const row = list.closest("tr[data-material]");
  const input = row && row.querySelector("input[type=file]");
  if (input) input.value = "";
  if (list.lastElementChild && list.lastElementChild.querySelector("input[type=hidden]")) {
    const received = document.getElementById(`s-${index}-received`);
    if (received) received.checked = true;
  }
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-action=remove-scan]");
  if (button) button.closest(".gx-scan").remove();
});
