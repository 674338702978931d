// 管理 › 大厅业务: the item picker. Typing filters the items (name, code, pinyin, initials or
// department; several words must all match). In the search box ↓ goes into the list, Enter
// ticks the only item found (and never sends the form), Esc clears. In the list ↑ ↓ Home End
// move through the items shown, Space ticks, and Tab leaves the list (one stop, not hundreds).
(() => {
  const setUp = (picker) => {
    const search = picker.querySelector("[data-picker-search]");
    const chosenOnly = picker.querySelector("[data-picker-chosen]");
    const status = picker.querySelector("[data-picker-status]");
    const empty = picker.querySelector("[data-picker-empty]");
    const list = picker.querySelector("[data-picker-list]");
    const options = Array.from(picker.querySelectorAll("[data-option]"));
    const groups = Array.from(picker.querySelectorAll("[data-picker-group]"));
    const box = (option) => option.querySelector("input[type=checkbox]");
    const shown = () => options.filter((option) => !option.hidden);
    let current = null;

    const rove = (option) => {
      if (current) box(current).tabIndex = -1;
      current = option || null;
      if (current) box(current).tabIndex = 0;
    };
    const count = () => {
      const chosen = options.filter((option) => box(option).checked).length;
      status.textContent = status.dataset.template
        .replace("{chosen}", chosen)
        .replace("{shown}", shown().length)
        .replace("{total}", options.length);
    };
    const filter = () => {
      const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      options.forEach((option) => {
        const text = option.dataset.search || "";
        option.hidden =
          (chosenOnly.checked && !box(option).checked) || !words.every((w) => text.includes(w));
      });
      groups.forEach((group) => {
        group.hidden = !group.querySelector("[data-option]:not([hidden])");
      });
      const visible = shown();
      empty.hidden = visible.length > 0;
      if (!visible.includes(current)) rove(visible[0]);
      count();
    };
    const focusAt = (option) => {
      if (!option) return;
      rove(option);
      box(option).focus();
    };

    options.forEach((option) => { box(option).tabIndex = -1; });
    rove(options.find((option) => box(option).checked) || options[0]);
    picker.querySelector("[data-picker-tools]").hidden = false;
    search.addEventListener("input", filter);
    chosenOnly.addEventListener("change", filter);
    list.addEventListener("change", count);
    list.addEventListener("focusin", (event) => {
      const option = event.target.closest("[data-option]");
      if (option) rove(option);
    });
    search.addEventListener("keydown", (event) => {
      const visible = shown();
      if (event.key === "Enter") {
        event.preventDefault();
        if (visible.length === 1) {
          box(visible[0]).checked = true;
          search.value = "";
          filter();
        } else {
          focusAt(visible[0]);
        }
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        focusAt(visible[0]);
      } else if (event.key === "Escape" && search.value) {
        event.preventDefault();
        search.value = "";
        filter();
      }
    });
    list.addEventListener("keydown", (event) => {
      const visible = shown();
      const at = visible.indexOf(event.target.closest("[data-option]"));
      if (at < 0) return;
      const moves = {
        ArrowDown: Math.min(at + 1, visible.length - 1),
        ArrowUp: at - 1,
        Home: 0,
        End: visible.length - 1,
      };
      if (!(event.key in moves)) return;
      event.preventDefault();
      if (moves[event.key] < 0) search.focus();
      else focusAt(visible[moves[event.key]]);
    });
    filter();
  };
  document.querySelectorAll("[data-picker]").forEach(setUp);
})();
