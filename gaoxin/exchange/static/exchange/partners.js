// Partner administration: copy a public key to give it to a partner, and ask before a key is
// retired or rotated (forms with data-confirm).
(() => {
  const copy = async (input) => {
    // The intranet often serves plain HTTP, where the Clipboard API is missing.
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(input.value);
        return;
      } catch (error) {
        // fall through to the selection
      }
    }
    input.focus();
    input.select();
    document.execCommand("copy");
  };

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const input = document.getElementById(button.dataset.copy);
    if (!input) return;
    await copy(input);
    input.select();
    const label = button.innerHTML;
    button.textContent = "✓ " + button.dataset.copied;
    setTimeout(() => { button.innerHTML = label; }, 2000);
  });

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });
})();
