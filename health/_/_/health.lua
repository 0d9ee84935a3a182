-- Argo CD health check for the platform's Crossplane v2 namespaced composite
-- resources (XRs): DynamoDBTable and DynamoDBBackupPlan. Argo CD's bundled
-- Crossplane checks only match *.crossplane.io and *.upbound.io, and our XR
-- group is configurable, so this script never looks at apiVersion or kind: it
-- is registered once per kind under
--   resource.customizations.health.<group>_<Kind>
--
-- Register it WITHOUT health.lua.useOpenLibs. Custom checks then run with only
-- Lua's base and table libraries (plus a "safe" os), so there is no `string`
-- or `math` here; string.find/format or s:sub would fail with a nil error in
-- Argo CD and show the resource as Unknown.
--
-- Shaped after argoproj/argo-cd resource_customizations/_.crossplane.io/_/
-- health.lua, with these deliberate differences:
--   * Conditions are looked up by type, not acted on in list order. Some
--     upstream versions return at the first matching condition, so there
--     Ready=True listed before Synced=False reads as Healthy.
--   * A paused XR is Suspended. Upstream reports it as Degraded because the
--     pause sets Synced=False, yet nothing is broken: someone chose to pause it.
--   * Conditions stamped with an older observedGeneration than the object's
--     generation describe the previous spec, so they count as Progressing.
--     Otherwise Argo CD reports Healthy from old status straight after a sync
--     and moves on to the next sync wave too early.
-- Deletion is handled first and is always Progressing. Older Argo CD never
-- runs health checks on terminating resources (it reports Progressing/"Pending
-- deletion" itself). Newer releases run them so that they can say what blocks
-- the deletion, and prepend the same kind of deletion block to every bundled check.

local PAUSE_ANNOTATION = "crossplane.io/paused"

-- crossplane-runtime only defines Available, Unavailable, Creating and
-- Deleting as Ready reasons. Unavailable means "Crossplane expected it to be
-- available and knows it is not", so it is a failure, not a wait. The
-- Reconcile* reasons normally belong to Synced; they are listed in case a
-- composed status or a future Crossplane puts them on Ready.
local READY_FAILURE_REASONS = {
  Unavailable = true,
  ReconcileError = true,
  ReconcileForbidden = true,
}

local hs = {}

local function nonEmpty(s)
  return type(s) == "string" and s ~= ""
end

-- Crossplane keeps exactly one condition per type.
local function conditionsByType(o)
  local byType = {}
  if type(o.status) ~= "table" or type(o.status.conditions) ~= "table" then
    return byType
  end
  for _, c in ipairs(o.status.conditions) do
    if type(c) == "table" and c.type ~= nil then
      byType[c.type] = c
    end
  end
  return byType
end

local meta = obj.metadata or {}
local annotations = meta.annotations or {}
local conditions = conditionsByType(obj)
local synced = conditions["Synced"]
local ready = conditions["Ready"]

-- Crossplane v2 stamps observedGeneration on every condition it sets. Older
-- XRs have none, and then nothing counts as stale.
local function isStale(c)
  return c ~= nil
    and type(c.observedGeneration) == "number"
    and type(meta.generation) == "number"
    and c.observedGeneration < meta.generation
end

-- Degraded shows the condition's own words; Crossplane puts the whole error
-- chain in the message.
local function messageOf(c)
  if nonEmpty(c.message) then
    return c.message
  end
  if nonEmpty(c.reason) then
    return c.reason
  end
  return c.type .. " is " .. tostring(c.status)
end

-- Progressing shows the reason too, because "Creating" is informative and the
-- message ("Unready resources: table") alone does not say what is waiting.
local function describe(c)
  if nonEmpty(c.reason) and nonEmpty(c.message) then
    return c.reason .. ": " .. c.message
  end
  return messageOf(c)
end

-- What the provider says about each composed resource, copied by the
-- Composition into status.resources.<name>.conditions: Crossplane v2 never
-- carries an AWS error onto the XR's own Ready or Synced (its Synced only says
-- the composed objects were applied). A composed Synced=False, or a failed
-- LastAsyncOperation (upjet's async create/update/delete), is a failure even
-- while the resource is still Ready: an update AWS refused leaves it Ready.
-- Names are sorted so the message does not change from one check to the next.
local function composedFailure(o)
  if type(o.status) ~= "table" or type(o.status.resources) ~= "table" then
    return nil
  end
  local names = {}
  for name, _ in pairs(o.status.resources) do
    names[#names + 1] = name
  end
  table.sort(names)
  for _, name in ipairs(names) do
    local byType = conditionsByType({ status = o.status.resources[name] })
    local s = byType["Synced"]
    if s ~= nil and s.status == "False" and s.reason ~= "ReconcilePaused" then
      return name .. ": " .. messageOf(s)
    end
    local a = byType["LastAsyncOperation"]
    if a ~= nil and a.status == "False" then
      return name .. ": " .. messageOf(a)
    end
  end
  return nil
end

local composedFailed = composedFailure(obj)

-- meta.IsPaused in crossplane-runtime only accepts the exact value "true".
local pausedByAnnotation = annotations[PAUSE_ANNOTATION] == "true"
local pausedInStatus = synced ~= nil and synced.status == "False" and synced.reason == "ReconcilePaused"
local syncFailed = synced ~= nil
  and synced.status == "False"
  and synced.reason ~= "ReconcilePaused"
  and not isStale(synced)

if meta.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  if pausedByAnnotation then
    -- The XR reconciler checks the pause before deletion, so a paused XR
    -- never loses its finalizer and the delete hangs until unpaused.
    hs.message = "Pending deletion; blocked: reconciliation (including deletion) is paused via the "
      .. PAUSE_ANNOTATION .. " annotation"
  elseif syncFailed then
    hs.message = "Pending deletion; " .. messageOf(synced)
  elseif composedFailed ~= nil then
    hs.message = "Pending deletion; " .. composedFailed
  elseif type(meta.finalizers) == "table" and #meta.finalizers > 0 then
    hs.message = "Pending deletion; blocked by finalizers: " .. table.concat(meta.finalizers, ", ")
  else
    hs.message = "Pending deletion"
  end
  return hs
end

if pausedByAnnotation then
  hs.status = "Suspended"
  if pausedInStatus and nonEmpty(synced.message) then
    hs.message = synced.message
  else
    -- Crossplane has not acted on the annotation yet; the status still shows
    -- the last reconcile, but nothing will change until it is removed.
    hs.message = "Reconciliation is paused via the " .. PAUSE_ANNOTATION .. " annotation"
  end
  return hs
end

if pausedInStatus then
  -- The annotation is gone (or no longer "true") but Crossplane has not
  -- reconciled since. Suspended would hide that it is about to resume.
  hs.status = "Progressing"
  hs.message = "Resuming: the " .. PAUSE_ANNOTATION
    .. " annotation was removed; waiting for Crossplane to reconcile"
  return hs
end

if syncFailed then
  hs.status = "Degraded"
  hs.message = messageOf(synced)
  return hs
end

if composedFailed ~= nil then
  hs.status = "Degraded"
  hs.message = composedFailed
  return hs
end

if ready ~= nil and ready.status == "False" and READY_FAILURE_REASONS[ready.reason] and not isStale(ready) then
  hs.status = "Degraded"
  hs.message = messageOf(ready)
  return hs
end

if synced == nil and ready == nil then
  -- Just created, or Crossplane has not picked up the XR kind yet. Custom
  -- conditions set by composition functions (and v2's Responsive condition,
  -- which only reports watch throttling) say nothing about readiness.
  hs.status = "Progressing"
  hs.message = "Waiting for Crossplane to report status"
  return hs
end

local stale = nil
if isStale(ready) then
  stale = ready
elseif isStale(synced) then
  stale = synced
end
if stale ~= nil then
  hs.status = "Progressing"
  hs.message = "Waiting for Crossplane to reconcile generation " .. tostring(meta.generation)
    .. " (status is from generation " .. tostring(stale.observedGeneration) .. ")"
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = "Resource is up-to-date."
  return hs
end

hs.status = "Progressing"
if ready == nil then
  hs.message = "Waiting for the Ready condition"
else
  hs.message = describe(ready)
end
return hs
