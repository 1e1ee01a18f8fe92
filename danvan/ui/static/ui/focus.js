// After a failed submit the error summary takes the focus (``autofocus`` already does without scripts;
// this also covers browsers that ignore autofocus on a non-control, and a page restored from history).
(() => {
  const target = document.querySelector("[data-focus-on-load]");
  if (target && document.activeElement !== target) {
    target.focus();
    target.scrollIntoView({ block: "start" });
  }
})();
