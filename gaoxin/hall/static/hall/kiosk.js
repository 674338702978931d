// The kiosk: a clock, and the on-screen keypad for the booking code or ID number.
(() => {
  const clock = document.querySelector("[data-clock]");
  const tick = () => {
    if (clock) clock.textContent = new Date().toLocaleTimeString("zh-CN", { hour12: false });
  };
  tick();
  setInterval(tick, 1000);

  document.querySelectorAll("[data-keypad]").forEach((pad) => {
    const input = document.getElementById(pad.dataset.keypad);
    pad.addEventListener("click", (event) => {
      const key = event.target.closest("[data-key]");
      if (!key || !input) return;
      if (key.dataset.key === "back") input.value = input.value.slice(0, -1);
      else if (input.value.length < 18) input.value += key.dataset.key;
    });
  });
  // Back to a clean screen when nobody touches it for a minute.
  let idle;
  const rest = () => {
    clearTimeout(idle);
    idle = setTimeout(() => window.location.assign(window.location.pathname), 60000);
  };
  ["click", "touchstart", "keydown"].forEach((name) => document.addEventListener(name, rest));
  rest();
})();
