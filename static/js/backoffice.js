// The back office from the keyboard.
// Queue: ↓/↑ move between rows, Enter opens the case, C takes it up (the page comes back at
// the same row). Work page: Alt+Enter in a form sends it; a scan opens in the viewer below
// the materials (a PDF in a frame, an image as an image) instead of a new tab.
(() => {
  const rows = () => Array.from(document.querySelectorAll("tr[data-queue-row]"));
  const typing = (el) =>
    !!el && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes(el.tagName));

  const focusRow = () => {
    const list = rows();
    if (!list.length || typing(document.activeElement)) return;
    const hashed = location.hash.startsWith("#step-") && document.getElementById(location.hash.slice(1));
    (hashed || list[0]).focus();
  };
  document.addEventListener("DOMContentLoaded", focusRow);

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey) return;
    if (event.altKey && event.key === "Enter") {
      const form = event.target.closest && event.target.closest("form[data-alt-enter]");
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (event.altKey) return;
    const list = rows();
    if (!list.length) return;
    const row = event.target.closest && event.target.closest("tr[data-queue-row]");
    if (event.key === "Escape" && event.target.closest && event.target.closest(".gx-filter")) {
      list[0].focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!row && typing(event.target)) return;
      event.preventDefault();
      const index = row ? list.indexOf(row) : -1;
      const next = event.key === "ArrowDown" ? Math.min(index + 1, list.length - 1) : Math.max(index - 1, 0);
      list[next].focus();
    } else if (row && event.target === row && event.key === "Enter") {
      event.preventDefault();
      window.location.href = row.dataset.href;
    } else if (row && event.target === row && event.key.toLowerCase() === "c") {
      const form = row.querySelector("form.gx-claim");
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
    }
  });

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-scan]");
    if (link) {
      const viewer = document.getElementById("scan-viewer");
      const kind = link.dataset.scan;
      if (!viewer || !["pdf", "png", "jpeg"].includes(kind) || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      const shown = kind === "pdf" ? document.createElement("iframe") : document.createElement("img");
      shown.src = link.href;
      if (kind === "pdf") shown.title = link.textContent.trim();
      else shown.alt = link.textContent.trim();
      viewer.replaceChildren(shown);
      viewer.hidden = false;
      document.querySelectorAll("a[data-scan].active").forEach((a) => a.classList.remove("active", "fw-semibold"));
      link.classList.add("active", "fw-semibold");
      viewer.scrollIntoView({ block: "nearest" });
      return;
    }
    // A click on a queue row (not on its link or button) opens the case, as Enter does.
    const row = event.target.closest("tr[data-queue-row]");
    if (row && !event.target.closest("a, button, form")) window.location.href = row.dataset.href;
  });
})();
