// Package testlens will be the Go client of the Testlens API, generated from
// the committed OpenAPI document with an ergonomic layer on top. Until then
// the API is described by GET /openapi.json on a running web server.
package testlens
