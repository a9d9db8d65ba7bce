"use strict";
// The index's filters (the page reads in full without them), and on a source page the whole
// of the claim the address points at (CSS's :target reaches only its first line).
(() => {
  const form = document.getElementById("filters");
  if (form) {
    const rows = Array.from(document.querySelectorAll(".finding"));
    const groups = Array.from(document.querySelectorAll(".group"));
    const shown = document.getElementById("shown");
    const has = (list, value) => list.split(" ").includes(value);
    const apply = () => {
      const want = (name) => (form.elements[name] ? form.elements[name].value : "");
      const label = want("label"), status = want("status"), type = want("type"), source = want("source");
      let count = 0;
      for (const row of rows) {
        const data = row.dataset;
        const keep = (!label || data.label === label) && (!status || data.status === status)
          && (!type || has(data.types, type)) && (!source || has(data.sources, source));
        row.hidden = !keep;
        count += keep ? 1 : 0;
      }
      for (const group of groups) {
        group.hidden = !group.querySelector(".finding:not([hidden])");
      }
      say(count);
    };
    const say = (count) => {
      shown.textContent = `${count} of ${rows.length} findings shown`;
    };
    form.addEventListener("change", apply);
    form.addEventListener("reset", (event) => {
      // The reset event comes before the form resets itself: clear the filters here, at once.
      event.preventDefault();
      for (const select of form.querySelectorAll("select")) {
        select.value = "";
      }
      apply();
    });
    form.hidden = false;
    say(rows.length); // every row shows until a filter is chosen: no pass over them at load

  }
  const light = () => {
    for (const old of document.querySelectorAll(".claim.lit")) {
      old.classList.remove("lit");
    }
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) {
      for (const part of document.querySelectorAll(`.claim[data-claim="${CSS.escape(id)}"]`)) {
        part.classList.add("lit");
      }
    }
  };
  window.addEventListener("hashchange", light);
  light();
})();
