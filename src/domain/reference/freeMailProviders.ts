/**
 * Free or consumer mail domains: an address there is not owned by the institution, so Partner
 * Center refuses it as the billing email. Matched on the address's domain and its parents.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com',
  'yahoo.com', 'ymail.com', 'rocketmail.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com',
  'protonmail.com', 'proton.me', 'pm.me', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de',
  'mail.com', 'mail.ru', 'yandex.com', 'yandex.ru', 'zoho.com', 'zohomail.com', 'tutanota.com',
  'tuta.io', 'fastmail.com', 'hey.com', 'qq.com', '163.com', '126.com', 'sina.com',
  'naver.com', 'daum.net', 'rediffmail.com', 'libero.it', 'laposte.net', 'orange.fr',
  'free.fr', 'sfr.fr', 'wanadoo.fr', 'telenet.be', 'skynet.be', 'ziggo.nl', 'kpnmail.nl',
  'home.nl', 'planet.nl', 'telia.com', 'bredband.net', 'spray.se', 'comhem.se',
  't-online.de', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl', 'abv.bg',
  'hotmail.fr', 'hotmail.co.uk', 'hotmail.nl', 'hotmail.se', 'outlook.fr', 'outlook.be',
  'live.nl', 'live.se', 'live.fr', 'yahoo.fr', 'yahoo.co.uk', 'yahoo.se', 'yahoo.co.in',
]);
