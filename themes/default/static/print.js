// The print button of dispatch pages: hidden in the HTML, shown only when this
// script runs, so a reader without JavaScript never meets a button that does
// nothing (the browser's own Print prints the same page, with the same
// print stylesheet).
for (const button of document.querySelectorAll(".print-button")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
