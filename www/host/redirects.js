// Redirects as Ignition would make them to the integrator's `redirectUri` (here this origin's
// redirect.html): the Axle seed's parameters, beside parameters and a fragment of the page's own.
// Shared by the host page and the redirect page, which link to each.

/** [label, query (and fragment) after `redirect.html?`] */
export const REDIRECTS = [
  ["complete", "status=complete&authCode=cod_LwPJhgxnjinMEPfGYc-XV&client=cli_Rk7pW2xQd9FvM3tZ&result=link&tab=connect#coverage"],
  ["exit", "status=exit&step=carrier-login&client=cli_Rk7pW2xQd9FvM3tZ&tab=connect"],
  ["error", "status=error&message=The+carrier%27s+website+did+not+respond&client=cli_Rk7pW2xQd9FvM3tZ"],
  ["unknown status", "status=attempted&client=cli_Rk7pW2xQd9FvM3tZ&tab=connect"],
  ["complete without authCode", "status=complete&client=cli_Rk7pW2xQd9FvM3tZ"],
  ["authCode twice", "status=complete&authCode=cod_1&authCode=cod_2"],
  ["no status", "tab=connect"],
];

/** The links, as `<li>` elements made with `h`. */
export function redirectLinks(h) {
  return REDIRECTS.map(([label, query]) =>
    h("li", {}, h("a", { href: `./redirect.html?${query}`, "data-redirect": label }, label),
      h("code", { className: "redirect-query", title: `?${query}` }, `?${query}`)));
}
