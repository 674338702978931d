// The window's second screen: every second it asks whether the clerk has turned the rating pad
// on; the pad (the 好差评 pad page) shows in a frame, and once it is off again (the rating is
// given, or the clerk turned it off) the clerk's card comes back after a moment of thanks.
(() => {
  const body = document.body;
  const clerk = document.querySelector("[data-clerk]");
  const frame = document.querySelector("[data-pad-frame]");
  let shown = body.dataset.pad || "";
  let closing = null;

  function show(pad) {
    if (pad === shown) return;
    if (pad) {
      clearTimeout(closing);
      closing = null;
      frame.src = pad;
      frame.hidden = false;
      clerk.hidden = true;
      shown = pad;
    } else if (!closing) {
      closing = setTimeout(() => {
        frame.hidden = true;
        frame.removeAttribute("src");
        clerk.hidden = false;
        shown = "";
        closing = null;
      }, 3000);
    }
  }

  async function poll() {
    try {
      const response = await fetch(body.dataset.state, { cache: "no-store", headers: { Accept: "application/json" } });
      if (response.ok) show((await response.json()).pad);
    } catch (error) {
      /* the server is away: ask again at the next tick */
    }
  }
  setInterval(poll, 1000);
})();
