// Page enhancements that need JavaScript; the page reads fine without them.

// Theme toggle: light / dark, remembered; the system setting applies until chosen.
const root = document.documentElement;
const toggle = document.querySelector(".theme-toggle");
if (toggle) {
  toggle.hidden = false;
  const current = () =>
    root.dataset.theme ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  const label = () => toggle.setAttribute("aria-pressed", String(current() === "dark"));
  label();
  toggle.addEventListener("click", () => {
    const next = current() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    try {
      localStorage.setItem("theme", next);
    } catch { /* private mode: not remembered */ }
    label();
  });
}

// Copy buttons on code blocks; again when the dev server swaps in new content (ssg:updated).
function copyButtons() {
  for (const button of document.querySelectorAll(".code-block > button.copy")) {
    if (!button.hidden) continue;
    button.hidden = false;
    button.parentElement.classList.add("has-copy");
    const text = button.textContent;
    button.addEventListener("click", async () => {
      const code = button.parentElement.querySelector("code")?.innerText ?? "";
      try {
        await navigator.clipboard.writeText(code);
        button.textContent = "✓";
      } catch {
        button.textContent = "✗";
      }
      setTimeout(() => (button.textContent = text), 1500);
    });
  }
}
copyButtons();
document.addEventListener("ssg:updated", copyButtons);
