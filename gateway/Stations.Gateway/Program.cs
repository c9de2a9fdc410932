using Stations.Gateway;
using Stations.Gateway.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddGateway();
builder.AddWeb();
var app = builder.Build();
app.MapGateway();
app.MapWeb();
return await app.RunGatewayAsync();
