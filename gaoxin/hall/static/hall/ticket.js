// The ticket prints itself once (kiosk browsers print silently with --kiosk-printing);
// not under automation, where a print dialog would block the page.
(() => {
  document.querySelector("[data-print]")?.addEventListener("click", () => window.print());
  if (!navigator.webdriver) window.addEventListener("load", () => window.print());
})();
