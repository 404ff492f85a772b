'use strict';
// The package's entry point for code that requires it (`main`). n8n itself loads only what the "n8n" section of
// package.json lists; this exports the same node and credential classes, from dist/ (built by `npm run build`).
const { AtlassianUserProvisioning } = require('./dist/nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node.js');
const { AtlassianUserProvisioningTrigger } = require('./dist/nodes/AtlassianUserProvisioning/AtlassianUserProvisioningTrigger.node.js');
const { AtlassianUserProvisioningAuditLogTrigger } = require('./dist/nodes/AtlassianUserProvisioning/AtlassianUserProvisioningAuditLogTrigger.node.js');
const { AtlassianScimApi } = require('./dist/credentials/AtlassianScimApi.credentials.js');
const { AtlassianOrganizationApi } = require('./dist/credentials/AtlassianOrganizationApi.credentials.js');

module.exports = {
	AtlassianUserProvisioning,
	AtlassianUserProvisioningTrigger,
	AtlassianUserProvisioningAuditLogTrigger,
	AtlassianScimApi,
	AtlassianOrganizationApi,
};
