// The delivery window, from the keyboard: ↓ from the search box into the results, ↑/↓
// through them, Enter to open one (Enter in the box opens the first). A typed ID number is
// upper-cased as it is checked.
document.addEventListener("keydown", (event) => {
  const search = document.getElementById("delivery-find");
  if (!search) return;
  const links = Array.from(document.querySelectorAll("#delivery-rows a.gx-delivery-link"));
  if (!links.length) return;
  const index = links.indexOf(document.activeElement);
  if (event.key === "ArrowDown" && (document.activeElement === search || index >= 0)) {
    event.preventDefault();
    links[Math.min(index + 1, links.length - 1)].focus();
  } else if (event.key === "ArrowUp" && index >= 0) {
    event.preventDefault();
    (index === 0 ? search : links[index - 1]).focus();
  } else if (event.key === "Enter" && document.activeElement === search && links.length === 1) {
    event.preventDefault();
    links[0].click();
  }
});

document.addEventListener("input", (event) => {
  if (event.target.id === "id_recipient_id_number") {
    const input = event.target;
    const upper = input.value.toUpperCase();
    if (upper !== input.value) input.value = upper;
  }
});
