{{/* Chart name, overridable with nameOverride. */}}
{{- define "client.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Object name. Defaults to fullnameOverride (mariadb-test-client) so the seed's
`kubectl logs -f deployment/mariadb-test-client` works with any release name.
*/}}
{{- define "client.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "client.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "client.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "client.selectorLabels" -}}
app.kubernetes.io/name: {{ include "client.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "client.labels" -}}
helm.sh/chart: {{ include "client.chart" . }}
{{ include "client.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Image reference; the tag may carry a digest (skaffold sets `tag@sha256:...`). */}}
{{- define "client.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion | toString }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}

{{/* The MariaDB resource behind mariadb.host, for the commands in NOTES.txt. */}}
{{- define "client.mariadbName" -}}
{{- splitList "." .Values.mariadb.host | first | trimSuffix "-primary" | trimSuffix "-secondary" }}
{{- end }}

{{/* The Secret with the CA bundle: the value, else mariadb-operator's bundle of that MariaDB. */}}
{{- define "client.caSecret" -}}
{{- .Values.mariadb.tls.caSecret.name | default (printf "%s-ca-bundle" (include "client.mariadbName" .)) }}
{{- end }}
