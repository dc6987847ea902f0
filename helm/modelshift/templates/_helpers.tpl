{{/* Names: every object is "<release>-<component>", cut to 63 characters (DNS label). */}}
{{- define "modelshift.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "modelshift.componentName" -}}
{{- printf "%s-%s" (include "modelshift.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object; with a component, they include its selector labels. Takes (dict "root" $ ["component" c]). */}}
{{- define "modelshift.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: modelshift
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{- if .component }}
{{ include "modelshift.selectorLabels" . }}
{{- else }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}
{{- end -}}

{{/*
Labels of a component's pods: those of every object but the chart's and the app's version, which change with every
chart upgrade and would restart every pod, the model servers' included (each reloading its weights for many minutes).
*/}}
{{- define "modelshift.podLabels" -}}
app.kubernetes.io/part-of: modelshift
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{ include "modelshift.selectorLabels" . }}
{{- end -}}

{{/* Selector labels of one component: stable across upgrades (a Deployment's selector is immutable). */}}
{{- define "modelshift.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Image of a modelshift service: registry/organization/repository:tag (tag defaults to the appVersion). */}}
{{- define "modelshift.image" -}}
{{- $img := .root.Values.image -}}
{{- $tag := .image.tag | default $img.tag | default .root.Chart.AppVersion -}}
{{- if $img.registry -}}
{{- printf "%s/%s/%s:%s" $img.registry $img.organization .image.repository $tag -}}
{{- else -}}
{{- printf "%s/%s:%s" $img.organization .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The hardened security context of the modelshift services' containers. */}}
{{/* The images set a numeric non-root USER (185 in JVM mode, 1001 native): runAsNonRoot enforces it. */}}
{{- define "modelshift.containerSecurityContext" -}}
runAsNonRoot: true
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "modelshift.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Probes on the Quarkus health endpoints. */}}
{{- define "modelshift.quarkusProbes" -}}
startupProbe:
  httpGet: {path: /q/health/started, port: http}
  periodSeconds: 2
  failureThreshold: 60
livenessProbe:
  httpGet: {path: /q/health/live, port: http}
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /q/health/ready, port: http}
  periodSeconds: 5
  failureThreshold: 2
{{- end -}}

{{/* Quarkus writes to /tmp (multipart uploads, Vert.x file cache): an emptyDir keeps the root file system read-only. */}}
{{- define "modelshift.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}
{{- define "modelshift.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end -}}

{{/* Labels of the model server pods and their headless Service (whose EndpointSlices the proxy watches). */}}
{{- define "modelshift.modelServerLabels" -}}
modelshift.io/component: model-server
modelshift.io/model: {{ .model.name }}
{{- end -}}

{{/* Looks a model up by name; fails with a clear message when it is not in .Values.models. */}}
{{- define "modelshift.requireModel" -}}
{{- $found := false -}}
{{- range .root.Values.models -}}
{{- if eq .name $.name -}}{{- $found = true -}}{{- end -}}
{{- end -}}
{{- if not $found -}}
{{- $names := list -}}
{{- range .root.Values.models -}}{{- $names = append $names .name -}}{{- end -}}
{{- fail (printf "%s %q is not one of the models in values.models (%s)" .field .name (join ", " $names)) -}}
{{- end -}}
{{- end -}}

{{- define "modelshift.proxyName" -}}
{{- include "modelshift.componentName" (dict "root" .root "component" (printf "proxy-%s" .model)) -}}
{{- end -}}
{{- define "modelshift.proxyUrl" -}}
{{- printf "http://%s:%v/v1" (include "modelshift.proxyName" .) .root.Values.proxy.port -}}
{{- end -}}

{{- define "modelshift.imagePullSecrets" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
{{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Where the gateway sends its traffic records: the evaluation and cost services' ingest endpoints. */}}
{{- define "modelshift.recordSinks" -}}
{{- $sinks := list -}}
{{- if .Values.evaluation.enabled -}}
{{- $sinks = append $sinks (printf "http://%s:%v/v1/traffic" (include "modelshift.componentName" (dict "root" . "component" "evaluation")) .Values.evaluation.port) -}}
{{- end -}}
{{- if .Values.cost.enabled -}}
{{- $sinks = append $sinks (printf "http://%s:%v/v1/usage" (include "modelshift.componentName" (dict "root" . "component" "cost")) .Values.cost.port) -}}
{{- end -}}
{{- join "," $sinks -}}
{{- end -}}

{{/* A ClusterIP Service in front of one component's pods. */}}
{{- define "modelshift.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "modelshift.componentName" . }}
  labels:
    {{- include "modelshift.labels" . | nindent 4 }}
    # the ServiceMonitor scrapes /q/metrics of the Services with this label
    modelshift.io/metrics: quarkus
  {{- with .annotations }}
  annotations: {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .type | default "ClusterIP" }}
  selector:
    {{- include "modelshift.selectorLabels" . | nindent 4 }}
  ports:
    - {name: http, port: {{ .port }}, targetPort: http, protocol: TCP}
{{- end -}}

{{/* A ServiceAccount; only the gateway and the proxies talk to the API server, so only they get a token. */}}
{{- define "modelshift.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "modelshift.componentName" . }}
  labels:
    {{- include "modelshift.labels" . | nindent 4 }}
automountServiceAccountToken: {{ .apiAccess }}
{{- end -}}

{{/* Deployment of a database-backed Quarkus service (evaluation, cost): PostgreSQL from the database Secret. */}}
{{- define "modelshift.databaseServiceDeployment" -}}
{{- $svc := .values -}}
{{- $db := .root.Values.database -}}
{{- if eq $db.evaluationJdbcUrlKey $db.costJdbcUrlKey }}
{{- fail "database.evaluationJdbcUrlKey and database.costJdbcUrlKey are the same key: the evaluation and cost services each need their own database (both schemas start at migration version 1)" }}
{{- end }}
{{- $urlKey := index $db (printf "%sJdbcUrlKey" .component) -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "modelshift.componentName" . }}
  labels:
    {{- include "modelshift.labels" . | nindent 4 }}
spec:
  replicas: {{ $svc.replicas }}
  selector:
    matchLabels:
      {{- include "modelshift.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "modelshift.podLabels" . | nindent 8 }}
      {{- with .podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "modelshift.componentName" . }}
      {{- include "modelshift.imagePullSecrets" .root | nindent 6 }}
      securityContext:
        {{- include "modelshift.podSecurityContext" .root | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "modelshift.image" (dict "root" .root "image" $svc.image) }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          ports:
            - {name: http, containerPort: {{ $svc.port }}, protocol: TCP}
          env:
            - {name: QUARKUS_HTTP_PORT, value: {{ $svc.port | quote }}}
            - name: QUARKUS_DATASOURCE_JDBC_URL
              valueFrom: {secretKeyRef: {name: {{ $db.existingSecret }}, key: {{ $urlKey }}}}
            - name: QUARKUS_DATASOURCE_USERNAME
              valueFrom: {secretKeyRef: {name: {{ $db.existingSecret }}, key: {{ $db.usernameKey }}}}
            - name: QUARKUS_DATASOURCE_PASSWORD
              valueFrom: {secretKeyRef: {name: {{ $db.existingSecret }}, key: {{ $db.passwordKey }}}}
            {{- with .extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- range $k, $v := $svc.env }}
            - {name: {{ $k }}, value: {{ $v | quote }}}
            {{- end }}
          {{- include "modelshift.quarkusProbes" .root | nindent 10 }}
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            {{- include "modelshift.containerSecurityContext" .root | nindent 12 }}
          volumeMounts:
            {{- include "modelshift.tmpVolumeMount" .root | nindent 12 }}
            {{- with .extraMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        {{- include "modelshift.tmpVolume" .root | nindent 8 }}
        {{- with .extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $svc.nodeSelector }}
      nodeSelector: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.tolerations }}
      tolerations: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.affinity }}
      affinity: {{- toYaml . | nindent 8 }}
      {{- end }}
---
{{ include "modelshift.service" (dict "root" .root "component" .component "port" $svc.port) }}
---
{{ include "modelshift.serviceAccount" (dict "root" .root "component" .component "apiAccess" false) }}
{{- end -}}

{{/* NetworkPolicy peer: the namespace Prometheus scrapes from (nothing when the selector is empty). */}}
{{- define "modelshift.metricsPeer" -}}
{{- if . -}}
- namespaceSelector:
    {{- toYaml . | nindent 4 }}
{{- end -}}
{{- end -}}

{{/*
Graceful shutdown of a pod on the request path (gateway, proxies): its grace period, and the env that makes Quarkus
report not-ready and keep serving for the delay (the endpoints drop the pod before it stops taking requests), then
give requests in flight, streams included, up to the timeout. Takes the root context.
*/}}
{{- define "modelshift.gracePeriod" -}}
terminationGracePeriodSeconds: {{ add .Values.gracefulShutdown.delaySeconds .Values.gracefulShutdown.timeoutSeconds 10 }}
{{- end -}}

{{- define "modelshift.gracefulShutdownEnv" -}}
- {name: QUARKUS_SHUTDOWN_DELAY, value: {{ printf "%vs" .Values.gracefulShutdown.delaySeconds | quote }}}
- {name: QUARKUS_SHUTDOWN_TIMEOUT, value: {{ printf "%vs" .Values.gracefulShutdown.timeoutSeconds | quote }}}
{{- end -}}
