// The bot on Azure, with no secret in its settings: App Service (two instances or more) running
// the production tree on Node 22 LTS, Azure Storage for the state every instance shares (reached
// by a user-assigned managed identity with data roles only, shared keys off), the Azure Bot with
// the Teams channel alone, Key Vault for the operator key, and Application Insights with the
// console's JSON log lines in Log Analytics. Deployed by m365agents.yml (arm/deploy); every
// setting the app reads in this mode is in appSettings below (test/infra.test.ts checks them
// against the app's configuration schema).

@maxLength(20)
@minLength(4)
@description('Names every resource (letters and digits; it goes into the storage account name).')
param resourceBaseName string

@description('App Service plan SKU. P0v3 is the smallest with zone balancing and slots; B1 works for a trial.')
param webAppSku string = 'P0v3'

@minValue(2)
@maxValue(10)
@description('Instances behind the load balancer: the Azure Storage backend lets them share the state.')
param instanceCount int = 2

@maxLength(42)
param botDisplayName string

@description('The personal tab single sign-on app registration (aadApp/create in m365agents.yml).')
param tabAppClientId string

@secure()
@description('The operator API key (32+ random characters): stored in Key Vault, never in an app setting.')
param adminApiKey string

@allowed(['local', 'api'])
@description('local: the simulation of Partner Center; api: the real one (docs/partner-center.md).')
param partnerCenterMode string = 'local'

@description('Api mode: the partner tenant and the Secure Application Model app registration.')
param partnerCenterTenantId string = ''
param partnerCenterClientId string = ''

@secure()
@description('Api mode: the app registration\'s client secret, stored in Key Vault.')
param partnerCenterClientSecret string = ''

@secure()
@description('Api mode: the first refresh token (the bot keeps each newer one in Azure Storage), stored in Key Vault.')
param partnerCenterRefreshToken string = ''

param location string = resourceGroup().location

var appName = resourceBaseName
var appDomain = '${appName}.azurewebsites.net'
var storageName = toLower(take(replace('${resourceBaseName}store', '-', ''), 24))
var vaultName = take('${resourceBaseName}-kv', 24)

// Built-in role definition ids (Azure docs, "Azure built-in roles").
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Entra ID only: the managed identity's roles are the only way in.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'admin-api-key'
  properties: { value: adminApiKey }
}

resource partnerCenterSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (partnerCenterMode == 'api') {
  parent: vault
  name: 'partner-center-client-secret'
  properties: { value: partnerCenterClientSecret }
}

resource partnerCenterToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (partnerCenterMode == 'api') {
  parent: vault
  name: 'partner-center-refresh-token'
  properties: { value: partnerCenterRefreshToken }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: workspace.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'npm start'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // An instance whose storage or notifier is not ready is taken out of rotation, not killed.
      healthCheckPath: '/readyz'
      appSettings: [
        // The zip is the production tree (npm run stage): run it as it is, build nothing.
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'NODE_ENV', value: 'production' }
        // App Service gives the port in PORT; the platform's front end is the only client.
        { name: 'HOST', value: '0.0.0.0' }
        // /home is the plan's shared, persistent folder: the partner users file lives here.
        { name: 'DATA_DIR', value: '/home/data/edu-onboarding' }
        { name: 'LOG_LEVEL', value: 'info' }
        { name: 'STORAGE', value: 'azure' }
        { name: 'AZURE_STORAGE_TABLE_URL', value: storage.properties.primaryEndpoints.table }
        { name: 'AZURE_STORAGE_QUEUE_URL', value: storage.properties.primaryEndpoints.queue }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        // The bot authenticates as the same managed identity: no password.
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'ALLOWED_CHANNELS', value: 'msteams' }
        { name: 'AAD_APP_CLIENT_ID', value: tabAppClientId }
        { name: 'AAD_APP_ID_URI', value: 'api://${appDomain}/${tabAppClientId}' }
        { name: 'ADMIN_API_KEY', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${adminKeySecret.name})' }
        // Api mode: Partner Center's secrets are Key Vault references (unused in local mode).
        { name: 'PARTNER_CENTER', value: partnerCenterMode }
        { name: 'PARTNER_CENTER_TENANT_ID', value: partnerCenterTenantId }
        { name: 'PARTNER_CENTER_CLIENT_ID', value: partnerCenterClientId }
        { name: 'PARTNER_CENTER_CLIENT_SECRET', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=partner-center-client-secret)' }
        { name: 'PARTNER_CENTER_REFRESH_TOKEN', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=partner-center-refresh-token)' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
      ]
    }
  }
  dependsOn: [tableRole, queueRole, vaultRole]
}

// The console (our JSON log lines) and the HTTP log, in Log Analytics: AppServiceConsoleLogs.
resource webAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: webApp
  name: 'logs-to-workspace'
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

module azureBot './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    botAppDomain: appDomain
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
  }
}

// Written to env/.env.<environment> by the toolkit.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = appDomain
output BOT_ID string = identity.properties.clientId
output BOT_ENDPOINT string = 'https://${appDomain}'
output APP_WEBSITE_URL string = 'https://${appDomain}'
output AZURE_KEY_VAULT_NAME string = vault.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
