-- Argo CD health check for argoproj.io/Application: how an app of apps sees a
-- child Application, so the root's sync waves wait for each child to finish.
--
-- Argo CD removed its built-in Application check in v1.8. Passing the child's
-- status.health.status through is not enough: Argo CD leaves missing
-- resources out of an Application's health (argo-cd PR #25962, v3.4; in
-- v3.1 for kinds without a health check, such as XRDs), so a child reads
-- Healthy before its objects even exist. This check reports Healthy only when
-- the child is Healthy AND Synced, no sync is running, and the last sync did
-- not fail for the revision it is on.
--
-- "Succeeded for the current revision" is read as "did not fail for it":
-- auto-sync only starts an operation when the child is OutOfSync, so after a
-- commit that does not touch the child, status.sync.revision moves on while
-- the last operation keeps the old revision; requiring a matching successful
-- operation would leave such a child Progressing forever.
--
-- It never returns Missing or Unknown: a parent ignores children with those
-- (argo-cd controller/health.go), which would let the next wave start.
--
-- Lua 5.1, locals only, no libraries: it runs without useOpenLibs.

local hs = { status = "Progressing", message = "Waiting for the application to report its status" }
local st = obj.status
if st == nil then
  return hs
end
local sync = st.sync or {}
local health = st.health or {}
local op = st.operationState

local function opRevision(o)
  if o.syncResult ~= nil and o.syncResult.revision ~= nil and o.syncResult.revision ~= "" then
    return o.syncResult.revision
  end
  if o.operation ~= nil and o.operation.sync ~= nil then
    return o.operation.sync.revision
  end
  return nil
end

local function orEmpty(s)
  if s == nil then
    return ""
  end
  return s
end

-- The parent just changed this child's source: its status still describes the old one.
if obj.spec ~= nil and obj.spec.source ~= nil and sync.comparedTo ~= nil and sync.comparedTo.source ~= nil then
  local want, seen = obj.spec.source, sync.comparedTo.source
  if want.repoURL ~= seen.repoURL or want.path ~= seen.path or want.targetRevision ~= seen.targetRevision then
    hs.message = "Waiting for the application to compare its new source"
    return hs
  end
end

if op ~= nil and (op.phase == "Running" or op.phase == "Terminating") then
  hs.message = "Sync " .. op.phase .. ": " .. orEmpty(op.message)
  return hs
end

if op ~= nil and (op.phase == "Failed" or op.phase == "Error") and opRevision(op) == sync.revision then
  hs.status = "Degraded"
  hs.message = "Last sync " .. op.phase .. ": " .. orEmpty(op.message)
  return hs
end

if sync.status ~= "Synced" then
  -- Unknown comes with the reason in a condition, e.g. a repository that cannot be read.
  if st.conditions ~= nil then
    for _, c in ipairs(st.conditions) do
      if c.type == "ComparisonError" or c.type == "InvalidSpecError" then
        hs.status = "Degraded"
        hs.message = c.type .. ": " .. orEmpty(c.message)
        return hs
      end
    end
  end
  hs.message = "Waiting for the sync: status is " .. orEmpty(sync.status)
  return hs
end

if health.status == "Healthy" or health.status == "Degraded" or health.status == "Suspended" then
  hs.status = health.status
  hs.message = orEmpty(health.message)
  return hs
end

-- Progressing, Missing (nothing exists yet) or Unknown: not done.
hs.message = "Health is " .. orEmpty(health.status)
if health.message ~= nil and health.message ~= "" then
  hs.message = hs.message .. ": " .. health.message
end
return hs
