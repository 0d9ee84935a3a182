/**
 * Argo CD health check for `argoproj.io/Application`, for argocd-cm.
 *
 * Argo CD removed its built-in Application health check in v1.8, so by
 * default an app of apps sees a child Application as Healthy the moment it
 * exists and sync waves between Applications only order their creation. With
 * this check the root app waits, wave by wave, until the platform app reports
 * Healthy before it creates the environment apps. It reports the child's own
 * health, and Progressing until the child has one.
 *
 * Lua 5.1 with locals only, no libraries: it runs without
 * `resource.customizations.useOpenLibs`.
 */
export const APPLICATION_HEALTH_LUA = `local hs = { status = "Progressing", message = "Waiting for the application to report its health" }
if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then
  hs.status = obj.status.health.status
  hs.message = obj.status.health.message or ""
end
return hs
`;
