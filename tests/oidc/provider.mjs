// A real OpenID Connect provider on plain http on loopback, for the st.login browser test.
//
// Environment:
//   PORT                   port to listen on, on 127.0.0.1 (the issuer is http://127.0.0.1:PORT)
//   OIDC_CLIENT_ID         the one confidential client's id
//   OIDC_CLIENT_SECRET     its secret (client_secret_basic or client_secret_post)
//   OIDC_REDIRECT_URI      its redirect URI, also its post-logout redirect URI
//
// Prints `READY <issuer>` on stdout once it listens. Any login with any password signs in:
// login "ana@example.com" becomes email ana@example.com (verified), name "ana", and a sub
// derived from the email (the same sub every run).
//
// The interactions (login form, consent form), the logout confirmation and the error page
// are our own: oidc-provider's built-in ones import a web font from the internet, and this
// provider must make the browser load nothing from outside the machine.

import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';

import Provider, { interactionPolicy } from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`provider.mjs: the environment variable ${name} is required`);
    process.exit(2);
  }
  return value;
}

const port = Number.parseInt(required('PORT'), 10);
const clientId = required('OIDC_CLIENT_ID');
const clientSecret = required('OIDC_CLIENT_SECRET');
const redirectUri = required('OIDC_REDIRECT_URI');
const issuer = `http://127.0.0.1:${port}`;

/** sub -> the person's claims; filled when someone signs in. */
const accounts = new Map();

function accountFor(login) {
  const email = login.trim().toLowerCase();
  const sub = createHash('sha256').update(email).digest('hex').slice(0, 32);
  const name = email.split('@')[0];
  accounts.set(sub, { email, name });
  return sub;
}

async function findAccount(ctx, sub) {
  const person = accounts.get(sub);
  if (person === undefined) {
    return undefined;
  }
  return {
    accountId: sub,
    async claims() {
      return { sub, email: person.email, email_verified: true, name: person.name };
    },
  };
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)}</title>
  <style>
    body { font-family: sans-serif; max-width: 22rem; margin: 3rem auto; }
    input, button { display: block; width: 100%; margin: 0.5rem 0; padding: 0.5rem; box-sizing: border-box; }
  </style>
</head>
<body>
  <h1>${escape(title)}</h1>
  ${body}
</body>
</html>`;
}

// Streamlit's st.login always asks for prompt=select_account. oidc-provider refuses a prompt
// that its policy does not name, so the policy names it; with one account per login there is
// nothing to select, so it has no checks and never asks anything.
const policy = interactionPolicy.base();
const selectAccount = new interactionPolicy.Prompt({ name: 'select_account', requestable: false });
selectAccount.requestable = true; // accepted in requests, without the check that would ask
policy.add(selectAccount);

// A fresh RSA signing key per run (oidc-provider's own development key would warn).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  scopes: ['openid', 'email', 'profile'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Put the scopes' claims (email, name) in the ID token itself: Streamlit (through Authlib)
  // takes st.user from the ID token only and never calls the userinfo endpoint.
  conformIdTokenClaims: false,
  findAccount,
  interactions: {
    policy,
    url: (ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.type = 'html';
        ctx.body = page(
          'Sign out',
          `${form}
  <p>Do you want to sign out from ${escape(ctx.host)}?</p>
  <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
  <button type="submit" form="op.logoutForm">No, stay signed in</button>`,
        );
      },
      async postLogoutSuccessSource(ctx) {
        ctx.type = 'html';
        ctx.body = page('Signed out', '<p>You are signed out.</p>');
      },
    },
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    const lines = Object.entries(out).map(([k, v]) => `<pre>${escape(k)}: ${escape(v)}</pre>`);
    ctx.body = page('Error', lines.join('\n'));
  },
});

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function loginForm(uid, hint) {
  return page(
    'Sign in',
    `<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
    <input required type="text" name="login" placeholder="Login (an email address)" aria-label="Login" value="${escape(hint ?? '')}" autofocus>
    <input required type="password" name="password" placeholder="Password" aria-label="Password">
    <button type="submit">Sign in</button>
  </form>`,
  );
}

function consentForm(uid, clientName, details) {
  const scopes = (details.missingOIDCScope ?? []).filter((s) => s !== 'openid');
  const items = scopes.map((s) => `<li>${escape(s)}</li>`).join('');
  return page(
    'Authorize',
    `<p>${escape(clientName)} asks for:</p>
  <ul>${items || '<li>confirming an earlier authorization</li>'}</ul>
  <form method="post" action="/interaction/${escape(uid)}/confirm">
    <button type="submit">Continue</button>
  </form>`,
  );
}

// Our interactions: GET /interaction/:uid shows the prompt's form; POST .../login and
// POST .../confirm finish it and send the browser back to the authorization endpoint.
provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([^/]+)(?:\/(login|confirm))?$/.exec(ctx.path);
  if (match === null) {
    return next();
  }
  const [, uid, action] = match;
  ctx.set('Cache-Control', 'no-store');
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== uid) {
    ctx.throw(400, 'interaction mismatch');
  }
  const { prompt, params, session, grantId } = details;

  if (ctx.method === 'GET' && action === undefined) {
    ctx.type = 'html';
    if (prompt.name === 'login') {
      ctx.body = loginForm(uid, params.login_hint);
    } else if (prompt.name === 'consent') {
      const client = await provider.Client.find(params.client_id);
      ctx.body = consentForm(uid, client?.clientName ?? params.client_id, prompt.details);
    } else {
      ctx.throw(501, `prompt ${prompt.name} is not implemented`);
    }
    return undefined;
  }

  if (ctx.method !== 'POST' || action === undefined) {
    ctx.throw(405);
  }

  let result;
  if (action === 'login') {
    const form = await readForm(ctx.req);
    const login = form.get('login') ?? '';
    if (prompt.name !== 'login' || !login.trim() || !form.get('password')) {
      ctx.type = 'html';
      ctx.status = 400;
      ctx.body = loginForm(uid, login);
      return undefined;
    }
    result = { login: { accountId: accountFor(login) } };
  } else {
    if (prompt.name !== 'consent') {
      ctx.throw(400, 'no consent is asked');
    }
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = prompt.details;
    if (missingOIDCScope) {
      grant.addOIDCScope(missingOIDCScope.join(' '));
    }
    if (missingOIDCClaims) {
      grant.addOIDCClaims(missingOIDCClaims);
    }
    for (const [indicator, scope] of Object.entries(missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scope.join(' '));
    }
    result = { consent: { grantId: await grant.save() } };
  }

  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: action !== 'login',
  });
  ctx.status = 303;
  ctx.redirect(returnTo);
  return undefined;
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`READY ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
