{{/* Names and labels. */}}
{{- define "interdict.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "interdict.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "interdict.selectorLabels" -}}
app.kubernetes.io/name: {{ include "interdict.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "interdict.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "interdict.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "interdict.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "interdict.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "interdict.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "interdict.fetchImage" -}}
{{- $repo := default .Values.image.repository .Values.index.fetchImage.repository -}}
{{- $tag := default (default .Chart.AppVersion .Values.image.tag) .Values.index.fetchImage.tag -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}

{{/* The Secret with the SASL username and password. */}}
{{- define "interdict.saslSecret" -}}
{{- default (printf "%s-kafka-sasl" (include "interdict.fullname" .)) .Values.kafka.sasl.existingSecret -}}
{{- end -}}

{{/* librdkafka security.protocol from the SASL and TLS switches. */}}
{{- define "interdict.securityProtocol" -}}
{{- if and .Values.kafka.sasl.enabled .Values.kafka.tls.enabled -}}SASL_SSL
{{- else if .Values.kafka.sasl.enabled -}}SASL_PLAINTEXT
{{- else if .Values.kafka.tls.enabled -}}SSL
{{- else -}}PLAINTEXT
{{- end -}}
{{- end -}}

{{/* Whether the pod fetches the index (init container, shared volume). */}}
{{- define "interdict.fetchesIndex" -}}
{{- if ne .Values.index.source.type "baked" -}}true{{- end -}}
{{- end -}}

{{/* Whether the refresh sidecar runs (it needs the shared process namespace). */}}
{{- define "interdict.refreshes" -}}
{{- if and (ne .Values.index.source.type "baked") .Values.index.refresh.enabled -}}true{{- end -}}
{{- end -}}

{{/* Checks that cannot be expressed in values alone. */}}
{{- define "interdict.validate" -}}
{{- if not (has .Values.index.source.type (list "volume" "url" "baked")) -}}
{{- fail (printf "index.source.type must be volume, url or baked, not %q" .Values.index.source.type) -}}
{{- end -}}
{{- if and (eq .Values.index.source.type "url") (not .Values.index.source.url) -}}
{{- fail "index.source.type=url needs index.source.url" -}}
{{- end -}}
{{- if and (eq .Values.index.source.type "volume") (not .Values.index.source.volume) -}}
{{- fail "index.source.type=volume needs index.source.volume (a volume source, e.g. persistentVolumeClaim)" -}}
{{- end -}}
{{- if not .Values.config.inputTopics -}}
{{- fail "config.inputTopics needs at least one topic" -}}
{{- end -}}
{{- if and (not .Values.autoscaling.keda.enabled) (gt (int .Values.replicaCount) (int .Values.inputPartitions)) -}}
{{- fail (printf "replicaCount %d is above inputPartitions %d: the extra instances would sit idle" (int .Values.replicaCount) (int .Values.inputPartitions)) -}}
{{- end -}}
{{- if .Values.autoscaling.keda.enabled -}}
{{- if gt (int .Values.autoscaling.keda.maxReplicaCount) (int .Values.inputPartitions) -}}
{{- fail (printf "autoscaling.keda.maxReplicaCount %d is above inputPartitions %d: instances beyond the partition count sit idle" (int .Values.autoscaling.keda.maxReplicaCount) (int .Values.inputPartitions)) -}}
{{- end -}}
{{- if lt (int .Values.autoscaling.keda.minReplicaCount) 1 -}}
{{- fail "autoscaling.keda.minReplicaCount must be at least 1: screening never scales to zero" -}}
{{- end -}}
{{- end -}}
{{- if and .Values.kafka.sasl.enabled (not .Values.kafka.sasl.existingSecret) (or (not .Values.kafka.sasl.username) (not .Values.kafka.sasl.password)) -}}
{{- fail "kafka.sasl.enabled needs kafka.sasl.existingSecret, or kafka.sasl.username and kafka.sasl.password" -}}
{{- end -}}
{{- if and .Values.kafka.tls.enabled (not .Values.kafka.tls.existingSecret) -}}
{{- fail "kafka.tls.enabled needs kafka.tls.existingSecret (a Secret with the CA certificate)" -}}
{{- end -}}
{{- if and .Values.http.token.enabled (not .Values.http.token.existingSecret) -}}
{{- fail "http.token.enabled needs http.token.existingSecret" -}}
{{- end -}}
{{- end -}}

{{/* Environment of the index init container and sidecar. */}}
{{- define "interdict.indexSyncEnv" -}}
- name: INDEX_PATH
  value: {{ .Values.index.path | quote }}
- name: SOURCE_TYPE
  value: {{ .Values.index.source.type | quote }}
- name: SOURCE_FILE
  value: {{ printf "/index-source/%s" .Values.index.source.file | quote }}
- name: SOURCE_URL
  value: {{ .Values.index.source.url | quote }}
- name: CURL_ARGS
  value: {{ join " " .Values.index.source.curlArgs | quote }}
- name: INTERVAL
  value: {{ .Values.index.refresh.intervalSeconds | quote }}
- name: KEEP_PREVIOUS
  value: {{ .Values.index.keepPrevious | quote }}
{{- end -}}

{{/* Volumes of the index init container and sidecar. */}}
{{- define "interdict.indexSyncMounts" -}}
- name: index-sync
  mountPath: /etc/interdict/index-sync.sh
  subPath: index-sync.sh
  readOnly: true
- name: index
  mountPath: {{ dir .Values.index.path }}
{{- if eq .Values.index.source.type "volume" }}
- name: index-source
  mountPath: /index-source
  readOnly: true
{{- end }}
{{- with .Values.index.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end -}}
